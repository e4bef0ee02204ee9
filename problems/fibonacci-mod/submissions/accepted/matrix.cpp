#include <array>
#include <cstdint>
#include <iostream>

using Matrix = std::array<std::uint64_t, 4>;
constexpr std::uint64_t MOD = 1'000'000'007;

Matrix multiply(const Matrix& x, const Matrix& y) {
    return {(x[0] * y[0] + x[1] * y[2]) % MOD, (x[0] * y[1] + x[1] * y[3]) % MOD,
            (x[2] * y[0] + x[3] * y[2]) % MOD, (x[2] * y[1] + x[3] * y[3]) % MOD};
}

int main() {
    std::uint64_t n;
    std::cin >> n;
    Matrix result{1, 0, 0, 1}, base{1, 1, 1, 0};
    for (; n > 0; n >>= 1) {
        if (n & 1) result = multiply(result, base);
        base = multiply(base, base);
    }
    std::cout << result[1] << '\n';
}
