<?php
const CXONE_CLIENT_SECRET = 'Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4';  // expect: CX401
