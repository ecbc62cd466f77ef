<?php

function cxone_login(): array
{
    $body = [
        'grant_type' => 'password',
        'username' => getenv('CXONE_USER'),
        'password' => getenv('CXONE_PASSWORD'),
        'scope' => 'RealTimeApi AdminApi',
    ];
    $ch = curl_init('https://api.incontact.com/InContactAuthorizationServer/Token');
    curl_setopt($ch, CURLOPT_POST, true);
    curl_setopt($ch, CURLOPT_USERPWD, getenv('CXONE_APP') . ':' . getenv('CXONE_VENDOR_KEY'));
    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($body));
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json']);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $reply = curl_exec($ch);  // expect: CX313
    return json_decode($reply, true);
}
