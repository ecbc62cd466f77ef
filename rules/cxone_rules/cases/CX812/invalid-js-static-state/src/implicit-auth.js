const AUTHORIZE = "https://api.incontact.com/InContactAuthorizationServer/Authenticate";
const clientId = "dashboard@acme.example";
const state = "myState";

function login() {
  window.location.href = `${AUTHORIZE}?response_type=token&client_id=${encodeURIComponent(clientId)}&redirect_uri=${encodeURIComponent(location.origin)}&state=${state}&scope=RealTimeApi`;  // expect: CX812
}
