// Passkeys in the console: the one script the pages load. Buttons with data-passkey
// carry WebAuthn options (JSON) from the server; pressing one asks the browser for a
// passkey and posts its answer (credential.toJSON()) in the button's own form, CSRF
// token and all. Without this script, or a browser without the JSON forms of
// WebAuthn, every [data-passkey-only] element stays hidden and the pages work as ever.
"use strict";
(function () {
  var pk = window.PublicKeyCredential;
  if (!pk || !pk.parseCreationOptionsFromJSON || !pk.parseRequestOptionsFromJSON) {
    return;
  }
  document.querySelectorAll("[data-passkey-only]").forEach(function (el) {
    el.hidden = false;
  });
  document.querySelectorAll("button[data-passkey]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var form = button.form;
      var status = form.querySelector("[data-passkey-status]");
      var options = JSON.parse(button.getAttribute("data-options"));
      var asked = button.getAttribute("data-passkey") === "create"
        ? navigator.credentials.create({ publicKey: pk.parseCreationOptionsFromJSON(options) })
        : navigator.credentials.get({ publicKey: pk.parseRequestOptionsFromJSON(options) });
      button.disabled = true;
      asked.then(function (credential) {
        form.elements.credential.value = JSON.stringify(credential.toJSON());
        form.submit();
      }, function () {
        button.disabled = false;
        if (status) {
          status.textContent = "No passkey was used. Try again, or use another way.";
        }
      });
    });
  });
})();
