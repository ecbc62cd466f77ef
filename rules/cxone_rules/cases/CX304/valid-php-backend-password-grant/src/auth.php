<?php
function cxone_token(array $discovery): array
{
    $response = (new GuzzleHttp\Client())->post($discovery['token_endpoint'], [
        'auth' => [getenv('CXONE_CLIENT_ID'), getenv('CXONE_CLIENT_SECRET')],
        'form_params' => [
            'grant_type' => 'password',
            'username' => getenv('CXONE_ACCESS_KEY_ID'),
            'password' => getenv('CXONE_ACCESS_KEY_SECRET'),
        ],
    ]);
    return json_decode((string) $response->getBody(), true);
}
