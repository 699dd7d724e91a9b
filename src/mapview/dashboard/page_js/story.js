// Story mode, on the page itself: bring the step's paragraph into view inside the
// article's scrolling box, without scrolling the page (the map must stay on screen).
// Streamlit draws the page in pieces, so the paragraph may not be there yet: try again
// for a few seconds.
window.mapviewStoryScroll = function (step) {
  "use strict";
  var doc = document;
  function scroll(tries) {
    var here = doc.querySelector(".st-key-story_here");
    var box = doc.querySelector(".st-key-article_text");
    var scroller = box;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight + 1) {
      scroller = scroller.firstElementChild;
    }
    if (!here) {
      if (tries > 0) { setTimeout(function () { scroll(tries - 1); }, 100); }
      return;
    }
    if (scroller) {  // none when the whole report fits in its box
      var top = here.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      scroller.scrollTop += top - 12;
    }
    doc.body.setAttribute("data-story-step", String(step));
  }
  scroll(50);
};
