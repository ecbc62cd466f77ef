<?php

use Firebase\JWT\JWT;

function clientAssertion(string $clientId, string $tokenEndpoint): string
{
    $claims = ['iss' => $clientId, 'sub' => 'backend', 'aud' => $tokenEndpoint, 'exp' => time() + 3600];
    return JWT::encode($claims, file_get_contents('private.pem'), 'RS256');  // expect: CX308
}

$body = ['client_assertion' => '', 'client_assertion_type' => 'jwt-bearer'];
