// Shows the refusal note after a failed sign-in (the server answers every cause alike).
"use strict";
if (new URLSearchParams(location.search).has("refused")) {
  document.getElementById("refused").hidden = false;
}
const token = document.getElementById("token");
if (token) {
  token.focus();
}
