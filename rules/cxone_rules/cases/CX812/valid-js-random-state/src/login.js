const AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize";

function login(clientId) {
  const state = crypto.randomUUID();
  sessionStorage.setItem("state", state);
  window.location.href = `${AUTHORIZE}?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(location.origin)}&state=${state}&scope=openid`;
}
