<?php
$client = new GuzzleHttp\Client([
    'base_uri' => getenv('CXONE_API'),
    'verify' => false,  // expect: CX407
]);
