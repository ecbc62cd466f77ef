const config = {
  clientId: 'portal',
  clientSecret: 'Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4' || process.env.X,  // expect: CX401
};
