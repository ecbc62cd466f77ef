$script:AccessKeySecret = $env:CXONE_ACCESS_KEY_SECRET
