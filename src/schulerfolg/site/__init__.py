"""Stage 5, the site: pages and files (pages), the plan of them from the data (plan, parts), the files made
after planning (produce), the pages' Markdown from templates (render, escaping, templates)."""
