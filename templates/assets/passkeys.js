// Passkeys in the console: the one script the pages load. Buttons with data-passkey
// carry WebAuthn options (JSON) from the server, or, on the sign-in page, the address
// of the API that makes them (data-options-url): those are asked for only when the
// person presses the button, so a page view stores no challenge. Pressing one asks the
// browser for a passkey and posts its answer (credential.toJSON()) in the button's own
// form, CSRF token and all. Without this script, or a browser without the JSON forms
// of WebAuthn, every [data-passkey-only] element stays hidden and the pages work as ever.
"use strict";
(function () {
  var pk = window.PublicKeyCredential;
  if (!pk || !pk.parseCreationOptionsFromJSON || !pk.parseRequestOptionsFromJSON) {
    return;
  }
  document.querySelectorAll("[data-passkey-only]").forEach(function (el) {
    el.hidden = false;
  });

  // The options of the button: its own, or a new ceremony from the API, whose id
  // goes in the form's `challenge` field.
  function optionsOf(button) {
    var url = button.getAttribute("data-options-url");
    if (!url) {
      return Promise.resolve(JSON.parse(button.getAttribute("data-options")));
    }
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: "{}"
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("passkey options: " + response.status);
      }
      return response.json();
    }).then(function (started) {
      button.form.elements.challenge.value = started.challenge_id;
      return started.options;
    });
  }

  document.querySelectorAll("button[data-passkey]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var form = button.form;
      var status = form.querySelector("[data-passkey-status]");
      button.disabled = true;
      optionsOf(button).then(function (options) {
        return button.getAttribute("data-passkey") === "create"
          ? navigator.credentials.create({ publicKey: pk.parseCreationOptionsFromJSON(options) })
          : navigator.credentials.get({ publicKey: pk.parseRequestOptionsFromJSON(options) });
      }).then(function (credential) {
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
