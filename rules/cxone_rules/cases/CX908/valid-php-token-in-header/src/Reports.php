<?php

const API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0";

function skills(string $accessToken): array
{
    $context = stream_context_create([
        "http" => ["header" => "Authorization: Bearer $accessToken"],
    ]);
    $body = file_get_contents(API . "/skills?fields=id,name", false, $context);
    return json_decode($body, true);
}
