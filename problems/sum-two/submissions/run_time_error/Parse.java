import java.util.Scanner;

public class Parse {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int a = Integer.parseInt(in.next()); // NumberFormatException on 10^18
        int b = Integer.parseInt(in.next());
        System.out.println(a / (b - b));    // ArithmeticException on small inputs
    }
}
