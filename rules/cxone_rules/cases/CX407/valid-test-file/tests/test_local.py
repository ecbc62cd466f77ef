import requests
requests.get(URL, verify=False)
