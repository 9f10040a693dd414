// Module BanenafspraakCalculators; contents follow.
