"""A stand-in for GitHub's REST API, in memory: just what Decap's GitHub backend calls to read a repository,
save an entry as a pull request (editorial workflow) and merge it (decap-cms-backend-github, API.ts).

The browser test routes every request for https://api.github.com to ``antwort``, so the real editor runs
under the page's real Content-Security-Policy without a network. A request it does not know is kept in
``unbekannt`` and answered 404, so a new Decap that calls something else fails the test by name.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

API = "https://api.github.com"
AVATAR = "https://avatars.githubusercontent.com/u/4711?v=4"


def _sha(*parts: object) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class GitHub:
    """One repository ``repo`` (``owner/name``) with the files of a folder on ``branch``."""

    repo: str
    branch: str = "main"
    login: str = "redaktion-dessau"
    blobs: dict[str, bytes] = field(default_factory=dict)
    trees: dict[str, dict[str, str]] = field(default_factory=dict)  # sha -> {path: blob sha}
    commits: dict[str, dict] = field(default_factory=dict)  # sha -> {"tree", "parents", "message"}
    refs: dict[str, str] = field(default_factory=dict)  # branch -> commit sha
    pulls: list[dict] = field(default_factory=list)
    unbekannt: list[str] = field(default_factory=list)

    @classmethod
    def mit_ordner(cls, repo: str, ordner: Path, unter: str) -> GitHub:
        """The repository holding every file of ``ordner`` below the path ``unter`` (e.g. ``data``)."""
        gh = cls(repo)
        files = {f"{unter}/{p.relative_to(ordner).as_posix()}": gh._blob(p.read_bytes())
                 for p in sorted(ordner.rglob("*")) if p.is_file()}
        gh.refs[gh.branch] = gh._commit(gh._tree(files), [], "Stand vor dem Test")
        return gh

    def datei(self, path: str, branch: str | None = None) -> str:
        """The text of ``path`` on ``branch`` (default: the main branch)."""
        tree = self.trees[self.commits[self.refs[branch or self.branch]]["tree"]]
        return self.blobs[tree[path]].decode("utf-8")

    # --- the objects of a git repository -----------------------------------------------------------

    def _blob(self, content: bytes) -> str:
        sha = hashlib.sha1(content).hexdigest()
        self.blobs[sha] = content
        return sha

    def _tree(self, files: dict[str, str]) -> str:
        sha = _sha("tree", sorted(files.items()))
        self.trees[sha] = dict(files)
        return sha

    def _commit(self, tree: str, parents: list[str], message: str) -> str:
        sha = _sha("commit", tree, parents, message, len(self.commits))
        self.commits[sha] = {"tree": tree, "parents": parents, "message": message}
        return sha

    def _resolve(self, ref: str) -> str:
        """A commit sha from a branch name, ``owner:branch`` or a sha."""
        ref = ref.split(":", 1)[1] if ":" in ref else ref
        return self.refs.get(ref, ref)

    def _files(self, sha: str) -> dict[str, str]:
        """The files of a commit or a tree."""
        return self.trees[self.commits[sha]["tree"]] if sha in self.commits else self.trees[sha]

    # --- the REST API ---------------------------------------------------------------------------------

    def antwort(self, method: str, url: str, body: str | None) -> tuple[int, object]:
        """(status, JSON) for one request of Decap."""
        parts = urlsplit(url)
        path, query = unquote(parts.path), {k: v[0] for k, v in parse_qs(parts.query).items()}
        data = json.loads(body) if body else {}
        if path == "/user":
            return 200, {"login": self.login, "name": "Redaktion Netzwerkstelle", "avatar_url": AVATAR}
        if path == "/search/issues":  # Decap's notes, closed on publishing
            return 200, {"total_count": 0, "incomplete_results": False, "items": []}
        if path.startswith("/users/"):
            return 200, {"login": path.removeprefix("/users/"), "name": "Redaktion Netzwerkstelle"}
        prefix = f"/repos/{self.repo}"
        if path == prefix:
            return 200, {"full_name": self.repo, "owner": {"login": self.repo.split("/")[0]},
                         "permissions": {"admin": False, "push": True, "pull": True}}
        if not path.startswith(prefix + "/"):
            return self._unbekannt(method, url)
        rest = path[len(prefix):]
        handler = getattr(self, "_" + method.lower() + "_" + rest.split("/")[1], None)
        result = handler(rest, query, data) if handler else None
        return result if result is not None else self._unbekannt(method, url)

    def _unbekannt(self, method: str, url: str) -> tuple[int, object]:
        self.unbekannt.append(f"{method} {url}")
        return 404, {"message": "Not Found"}

    def _get_git(self, rest: str, query: dict, data: dict):
        if rest.startswith("/git/trees/"):  # /git/trees/<branch>:<folder>
            ref, _, folder = rest.removeprefix("/git/trees/").partition(":")
            files = self._files(self._resolve(ref))
            inside = {p.removeprefix(folder + "/"): s for p, s in files.items() if p.startswith(folder + "/")}
            if not inside:
                return 404, {"message": "Not Found"}
            deep = query.get("recursive") == "1"
            tree = [{"path": p, "type": "blob", "mode": "100644", "sha": s, "size": len(self.blobs[s])}
                    for p, s in sorted(inside.items()) if deep or "/" not in p]
            return 200, {"sha": _sha("sub", folder, sorted(inside.items())), "tree": tree, "truncated": False}
        if rest.startswith("/git/blobs/"):
            sha = rest.removeprefix("/git/blobs/")
            if sha not in self.blobs:
                return 404, {"message": "Not Found"}
            content = self.blobs[sha]
            return 200, {"sha": sha, "size": len(content), "encoding": "base64",
                         "content": base64.b64encode(content).decode("ascii")}
        if rest.startswith("/git/refs/"):
            name = rest.removeprefix("/git/refs/heads/")
            if name not in self.refs:
                return 404, {"message": "Not Found"}
            return 200, {"ref": f"refs/heads/{name}", "object": {"sha": self.refs[name], "type": "commit"}}
        return None

    def _post_git(self, rest: str, query: dict, data: dict):
        if rest == "/git/blobs":
            sha = self._blob(base64.b64decode(data["content"]))
            return 201, {"sha": sha, "url": f"{API}/repos/{self.repo}/git/blobs/{sha}"}
        if rest == "/git/trees":
            files = self._files(data["base_tree"]) if data.get("base_tree") else {}
            files = dict(files)
            for entry in data["tree"]:
                if entry["sha"] is None:
                    files.pop(entry["path"], None)
                else:
                    files[entry["path"]] = entry["sha"]
            sha = self._tree(files)
            return 201, {"sha": sha, "tree": [{"path": p, "sha": s, "type": "blob"} for p, s in files.items()]}
        if rest == "/git/commits":
            sha = self._commit(data["tree"], data["parents"], data["message"])
            return 201, self._commit_json(sha)
        if rest == "/git/refs":
            name = data["ref"].removeprefix("refs/heads/")
            if name in self.refs:
                return 422, {"message": "Reference already exists"}
            self.refs[name] = data["sha"]
            return 201, {"ref": data["ref"], "object": {"sha": data["sha"], "type": "commit"}}
        return None

    def _patch_git(self, rest: str, query: dict, data: dict):
        if rest.startswith("/git/refs/heads/"):
            self.refs[rest.removeprefix("/git/refs/heads/")] = data["sha"]
            return 200, {"object": {"sha": data["sha"], "type": "commit"}}
        return None

    def _delete_git(self, rest: str, query: dict, data: dict):
        if rest.startswith("/git/refs/heads/"):
            if self.refs.pop(rest.removeprefix("/git/refs/heads/"), None) is None:
                return 422, {"message": "Reference does not exist"}
            return 204, None  # no content, as GitHub
        return None

    def _get_branches(self, rest: str, query: dict, data: dict):
        name = rest.removeprefix("/branches/")
        if name not in self.refs:
            return 404, {"message": "Branch not found"}
        return 200, {"name": name, "commit": self._commit_json(self.refs[name])}

    def _get_commits(self, rest: str, query: dict, data: dict):
        if rest == "/commits":  # who changed a file last (shown as »updated by«)
            return 200, [self._commit_json(self.refs[self.branch])]
        if rest.endswith("/status"):
            return 200, {"state": "pending", "statuses": []}
        return None

    def _get_compare(self, rest: str, query: dict, data: dict):
        base, _, head = rest.removeprefix("/compare/").partition("...")
        base, head = self._resolve(base), self._resolve(head)
        chain, sha = [], head
        while sha != base and self.commits[sha]["parents"]:
            chain.insert(0, sha)
            sha = self.commits[sha]["parents"][0]
        old, new = self._files(base), self._files(head)
        files = [{"filename": p, "sha": new.get(p), "patch": "@@",
                  "status": "removed" if p not in new else "added" if p not in old else "modified"}
                 for p in sorted(set(old) | set(new)) if old.get(p) != new.get(p)]
        return 200, {"base_commit": self._commit_json(base), "merge_base_commit": self._commit_json(base),
                     "commits": [self._commit_json(c) for c in chain], "files": files}

    def _get_pulls(self, rest: str, query: dict, data: dict):
        if rest != "/pulls":
            return None
        head = query.get("head", "").split(":")[-1]
        state = query.get("state", "open")
        return 200, [p for p in self.pulls if (not head or p["head"]["ref"] == head)
                     and (state == "all" or p["state"] == state)]

    def _post_pulls(self, rest: str, query: dict, data: dict):
        if rest != "/pulls":
            return None
        ref = data["head"].split(":")[-1]
        pull = {"number": len(self.pulls) + 1, "title": data["title"], "body": data.get("body", ""),
                "state": "open", "labels": [], "user": {"login": self.login},
                "head": {"ref": ref, "sha": self.refs[ref], "repo": {"fork": False}},
                "base": {"ref": data["base"], "sha": self.refs[data["base"]]},
                "updated_at": "2026-11-21T10:00:00Z", "created_at": "2026-11-21T10:00:00Z",
                "html_url": f"https://github.com/{self.repo}/pull/{len(self.pulls) + 1}", "merged_at": None}
        self.pulls.append(pull)
        return 201, pull

    def _put_pulls(self, rest: str, query: dict, data: dict):  # /pulls/<n>/merge
        number = int(rest.split("/")[2])
        pull = self.pulls[number - 1]
        head = self.refs[pull["head"]["ref"]]
        merge = self._commit(self.commits[head]["tree"], [self.refs[self.branch], head], "Merge")
        self.refs[self.branch] = merge
        pull.update(state="closed", merged_at="2026-11-21T10:05:00Z")
        return 200, {"sha": merge, "merged": True, "message": "Pull Request successfully merged"}

    def _put_issues(self, rest: str, query: dict, data: dict):  # /issues/<n>/labels: the workflow status
        pull = self.pulls[int(rest.split("/")[2]) - 1]
        pull["labels"] = [{"name": name} for name in data["labels"]]
        return 200, pull["labels"]

    def _get_issues(self, rest: str, query: dict, data: dict):  # /issues/<n>/comments: Decap's notes
        return 200, []

    def _commit_json(self, sha: str) -> dict:
        c = self.commits[sha]
        person = {"name": "Redaktion Netzwerkstelle", "email": "redaktion@example.org", "date": "2026-11-21T10:00:00Z"}
        return {"sha": sha, "parents": [{"sha": p} for p in c["parents"]],
                "commit": {"message": c["message"], "tree": {"sha": c["tree"]}, "author": person, "committer": person},
                "tree": {"sha": c["tree"]}}
