<?php
const TOKEN_URL = 'https://cxone.niceincontact.com/auth/token';

function cxone_token(): string
{
    $form = ['grant_type' => 'client_credentials'];  // expect: CX303
    $response = (new GuzzleHttp\Client())->post(TOKEN_URL, [
        'auth' => [getenv('CXONE_CLIENT_ID'), getenv('CXONE_CLIENT_SECRET')],
        'form_params' => $form,
    ]);
    return json_decode((string) $response->getBody(), true)['access_token'];
}
