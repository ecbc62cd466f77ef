client_secret = "s3cr3t-for-tests"
