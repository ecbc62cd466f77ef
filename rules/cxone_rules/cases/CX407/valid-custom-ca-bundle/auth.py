import requests

r = requests.get("https://cxone.niceincontact.com", verify="/etc/ca.pem")
