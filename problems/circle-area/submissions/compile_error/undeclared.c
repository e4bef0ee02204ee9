#include <stdio.h>

int main(void) {
    printf("%f\n", area);
    return 0;
}
