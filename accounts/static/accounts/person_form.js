/* The person forms: show only the fields of the chosen role (bank and groups for a mentor,
   outlets for a clerk), and suggest a username from the name until one is typed.
   Without JavaScript every field stays visible, each with a help text saying whom it is for. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-role-form]");
  if (!form) { return; }

  var role = form.querySelector("[name='role']");
  var byRole = { pendamping: ["bank", "ikm_groups"], kasir: ["outlets"] };
  function updateRole() {
    Object.keys(byRole).forEach(function (r) {
      byRole[r].forEach(function (name) {
        var el = document.getElementById("div_id_" + name);
        if (el) { el.hidden = role.value !== r; }
      });
    });
  }
  if (role) {
    role.addEventListener("change", updateRole);
    updateRole();
  }

  var username = form.querySelector("[name='username']");
  var first = form.querySelector("[name='first_name']");
  var last = form.querySelector("[name='last_name']");
  if (!username || !first) { return; }
  var typed = username.value !== "";
  function slug(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter(Boolean);
  }
  function suggest() {
    if (typed) { return; }
    var parts = slug(first.value).slice(0, 1).concat(slug(last ? last.value : "").slice(-1));
    username.value = parts.join(".");
  }
  username.addEventListener("input", function () { typed = username.value !== ""; });
  first.addEventListener("input", suggest);
  if (last) { last.addEventListener("input", suggest); }
}());
