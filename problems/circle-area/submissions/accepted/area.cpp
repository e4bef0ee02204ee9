#include <cmath>
#include <iomanip>
#include <iostream>

int main() {
    const double pi = std::acos(-1.0);
    int n;
    std::cin >> n;
    std::cout << std::fixed << std::setprecision(10);
    for (int i = 0; i < n; i++) {
        double r;
        std::cin >> r;
        std::cout << pi * r * r << '\n';
    }
}
