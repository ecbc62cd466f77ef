<?php
$ch = curl_init(getenv('CXONE_API') . '/agents');
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, 0);  // expect: CX407
curl_exec($ch);
