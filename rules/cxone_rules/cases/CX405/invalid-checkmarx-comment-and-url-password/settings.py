# Scanned by Checkmarx
DB_PASSWORD = "pR7#kw2Lq9zXv4mN8s"  # expect: CX405
BROKER = "amqp://svc:Vb7kQ2xLm9Rt4sWp@mq.acme.example/"  # expect: CX405
