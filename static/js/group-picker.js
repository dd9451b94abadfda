// Suggestions for the group search box that replaces the dropdown when a user has many groups.
// Typing a code works without this script; it only fills the box's <datalist> as the user types.
(function () {
  "use strict";
  document.querySelectorAll("input[data-group-lookup]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2 || text === asked) {
          return;
        }
        asked = text;
        fetch(input.dataset.groupLookup + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) {
            return response.ok ? response.json() : { results: [] };
          })
          .then(function (data) {
            list.replaceChildren.apply(
              list,
              data.results.map(function (label) {
                var option = document.createElement("option");
                option.value = label;
                return option;
              })
            );
          })
          .catch(function () {
            // Offline or a weak connection: the typed code is still sent with the form.
          });
      }, 250);
    });
  });
})();
