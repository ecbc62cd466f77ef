<?php
$clientSecret = getenv('CXONE_CLIENT_SECRET');
