#include <stdio.h>

#define MOD 1000000007ULL

int main(void) {
    unsigned long long n, a = 0, b = 1; /* a = F(k), b = F(k+1) */
    if (scanf("%llu", &n) != 1) return 1;
    for (int bit = 62; bit >= 0; bit--) {
        unsigned long long c = a * ((2 * b + MOD - a) % MOD) % MOD;
        unsigned long long d = (a * a + b * b) % MOD;
        if ((n >> bit) & 1) {
            a = d;
            b = (c + d) % MOD;
        } else {
            a = c;
            b = d;
        }
    }
    printf("%llu\n", a);
    return 0;
}
