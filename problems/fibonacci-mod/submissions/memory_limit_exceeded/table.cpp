#include <algorithm>
#include <iostream>
#include <vector>

// A table of every F(i): fine for group 1, 2 GB for the big groups.
int main() {
    long long n;
    std::cin >> n;
    std::vector<int> f(std::min<long long>(n + 2, 500'000'000));
    f[1] = 1;
    for (long long i = 2; i <= n && i < (long long)f.size(); i++) f[i] = (f[i - 1] + f[i - 2]) % 1'000'000'007;
    std::cout << f[n] << '\n';
}
