import requests

def get_token(token_url, form):
    resp = requests.post(token_url, data=form)
    if resp.status_code != 200:
        print(resp.text)
        raise RuntimeError(resp.text)
    tokens = resp.json()
    print("expires in", tokens["expires_in"])
    return tokens
