// Module BanenafspraakGenerate; contents follow.
