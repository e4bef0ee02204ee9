#include <stdio.h>

/* 32-bit int: overflows on 2147483647 + 1. */
int main(void) {
    int a, b;
    if (scanf("%d %d", &a, &b) != 2) return 1;
    printf("%d\n", a + b);
    return 0;
}
