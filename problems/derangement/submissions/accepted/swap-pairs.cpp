#include <iostream>
#include <numeric>
#include <utility>
#include <vector>

int main() {
    int n;
    std::cin >> n;
    if (n == 1) {
        std::cout << "impossible\n";
        return 0;
    }
    std::vector<int> p(n);
    std::iota(p.begin(), p.end(), 1);
    for (int i = 0; i + 1 < n; i += 2) std::swap(p[i], p[i + 1]);
    if (n % 2 == 1) std::swap(p[n - 2], p[n - 1]);  // (n-2 n-1 n) becomes a 3-cycle
    for (int i = 0; i < n; i++) std::cout << p[i] << (i + 1 == n ? '\n' : ' ');
}
