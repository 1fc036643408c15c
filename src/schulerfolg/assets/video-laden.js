// Two-click video (schulerfolg, partials/film.html.j2): nothing is requested from the
// video platform until the visitor presses "Video laden" in a [data-video-placeholder].
(function () {
  "use strict";
  function laden(box) {
    var frame = document.createElement("iframe");
    frame.src = box.getAttribute("data-video-src");
    frame.title = box.getAttribute("data-video-title") || "Video";
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.width = "640";
    frame.height = "360";
    frame.style.width = "100%";
    frame.style.height = "auto";
    frame.style.aspectRatio = "16 / 9";
    frame.style.border = "0";
    box.replaceChildren(frame);
    frame.focus();
  }
  document.querySelectorAll("[data-video-placeholder]").forEach(function (box) {
    var knopf = box.querySelector("button");
    if (knopf) {
      knopf.addEventListener("click", function () { laden(box); });
    }
  });
})();
