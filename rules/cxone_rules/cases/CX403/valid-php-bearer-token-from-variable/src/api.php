<?php
function headers(string $token): array
{
    return ['Authorization' => 'Bearer ' . $token];
}
