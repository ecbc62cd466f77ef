<?php
function api_endpoint(string $token, string $tenantId): string
{
    $url = 'https://cxone.niceincontact.com/.well-known/cxone-configuration?tenantId=' . $tenantId;
    $response = (new GuzzleHttp\Client())->get($url, ['headers' => ['Authorization' => 'Bearer ' . $token]]);  // expect: CX504
    return json_decode((string) $response->getBody(), true)['api_endpoint'];
}
