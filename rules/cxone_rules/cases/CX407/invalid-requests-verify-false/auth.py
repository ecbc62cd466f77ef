import requests

s = requests.Session()
s.verify = False  # expect: CX407
r = requests.post("https://cxone.niceincontact.com/auth/token",
                  verify=False)  # expect: CX407
