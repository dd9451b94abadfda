/* The session form: show only the members of the chosen group as attendance checkboxes.
   Without JavaScript every member of the mentor's groups stays visible; the server refuses
   a member of another group anyway. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-session-form]");
  if (!form) { return; }
  var group = form.querySelector("select[name='group']");
  var hint = form.querySelector("[data-attendee-hint]");
  if (!group) { if (hint) { hint.hidden = true; } return; }
  function update() {
    var chosen = group.value;
    form.querySelectorAll("[data-attendee-row]").forEach(function (row) {
      var box = row.querySelector("input[data-group]");
      var show = box && box.getAttribute("data-group") === chosen;
      row.hidden = !show;
      if (!show && box) { box.checked = false; }
    });
    if (hint) { hint.hidden = chosen !== ""; }
  }
  group.addEventListener("change", update);
  update();
})();
