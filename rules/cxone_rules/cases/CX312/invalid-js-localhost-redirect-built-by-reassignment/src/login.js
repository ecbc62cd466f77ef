var AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize";
var redirect_uri = "http://localhost:3000/callback";  // expect: CX312

function login(clientId, state) {
  var url = AUTHORIZE + "?response_type=code&client_id=" + clientId;
  url = url + "&state=" + state;
  url = url + "&redirect_uri=" + encodeURIComponent(redirect_uri);
  window.location.href = url;
}
