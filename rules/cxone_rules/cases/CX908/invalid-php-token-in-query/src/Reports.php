<?php

const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";

function skills(string $accessToken): array
{
    $body = file_get_contents(API . "/skills?access_token=$accessToken");  // expect: CX908
    return json_decode($body, true);
}

function checkKey(string $keySecret): bool
{
    $url = API . "/access-keys/check?accessKeySecret={$keySecret}";  // expect: CX908
    return file_get_contents($url) !== false;
}
