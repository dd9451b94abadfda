/* Show only the fields of the chosen role: bank and groups for a mentor, outlets for a clerk.
   Without JavaScript every field stays visible, each with a help text saying whom it is for. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-role-form]");
  if (!form) { return; }
  var role = form.querySelector("[name='role']");
  if (!role) { return; }
  var byRole = { pendamping: ["bank", "ikm_groups"], kasir: ["outlets"] };
  function wrapper(name) { return document.getElementById("div_id_" + name); }
  function update() {
    Object.keys(byRole).forEach(function (r) {
      byRole[r].forEach(function (name) {
        var el = wrapper(name);
        if (el) { el.hidden = role.value !== r; }
      });
    });
  }
  role.addEventListener("change", update);
  update();
}());
