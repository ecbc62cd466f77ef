<?php

require __DIR__ . '/../src/Cxone.php';

header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);  // expect: CX902
header('Access-Control-Allow-Credentials: true');
header('Content-Type: application/json');

echo json_encode(cxone_agents());
