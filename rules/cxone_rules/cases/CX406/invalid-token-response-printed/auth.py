import requests

def get_token(endpoint, form, basic):
    resp = requests.post(
        endpoint, data={"grant_type": "password"}, auth=basic
    )
    tokens = resp.json()
    print(tokens)  # expect: CX406
    return tokens["access_token"]
