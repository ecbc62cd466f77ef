<?php
$response = (new GuzzleHttp\Client())->post(getenv('CXONE_TOKEN_ENDPOINT'), [
    'form_params' => ['grant_type' => 'password', 'username' => getenv('AK_ID'), 'password' => getenv('AK_SECRET')],
]);
$tokens = json_decode((string) $response->getBody(), true);
echo json_encode($tokens);  // expect: CX406
