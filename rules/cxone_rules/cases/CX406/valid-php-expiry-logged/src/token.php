<?php
$response = (new GuzzleHttp\Client())->post(getenv('CXONE_TOKEN_ENDPOINT'), [
    'form_params' => ['grant_type' => 'password', 'username' => getenv('AK_ID'), 'password' => getenv('AK_SECRET')],
]);
if ($response->getStatusCode() !== 200) {
    error_log('token request failed: ' . $response->getBody());
}
$tokens = json_decode((string) $response->getBody(), true);
error_log('token expires in ' . $tokens['expires_in']);
