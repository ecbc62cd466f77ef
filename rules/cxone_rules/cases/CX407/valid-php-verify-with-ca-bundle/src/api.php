<?php
$client = new GuzzleHttp\Client([
    'base_uri' => getenv('CXONE_API'),
    'verify' => '/etc/ssl/certs/acme-proxy-ca.pem',
]);
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
