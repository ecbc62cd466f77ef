<?php
function cxone_token(string $tokenEndpoint, string $keyId, string $keySecret): array
{
    $ch = curl_init($tokenEndpoint);
    curl_setopt($ch, CURLOPT_USERPWD, getenv('CXONE_CLIENT_ID') . ':' . getenv('CXONE_CLIENT_SECRET'));
    curl_setopt($ch, CURLOPT_POSTFIELDS, "grant_type=password&username=$keyId&password=$keySecret");
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    return json_decode(curl_exec($ch), true);  // expect: CX311
}
