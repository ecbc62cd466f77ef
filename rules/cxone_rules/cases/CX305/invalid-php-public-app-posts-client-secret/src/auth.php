<?php
function cxone_token(array $discovery): array
{
    $response = (new GuzzleHttp\Client())->post($discovery['token_endpoint'], [  // expect: CX305
        'form_params' => [
            'grant_type' => 'password',
            'username' => getenv('CXONE_ACCESS_KEY_ID'),
            'password' => getenv('CXONE_ACCESS_KEY_SECRET'),
            'client_id' => getenv('CXONE_CLIENT_ID'),
            'client_secret' => getenv('CXONE_CLIENT_SECRET'),
        ],
    ]);
    return json_decode((string) $response->getBody(), true);
}
