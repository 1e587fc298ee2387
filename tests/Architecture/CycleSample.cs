// Two folders that use each other, so ArchitectureTests can show its cycle check fails on one.
namespace Cascade.Tests.Architecture.Ping
{
    internal static class Ping
    {
        public static int Hit(int n) => n <= 0 ? 0 : Pong.Pong.Hit(n - 1);
    }
}

namespace Cascade.Tests.Architecture.Pong
{
    internal static class Pong
    {
        public static int Hit(int n) => n <= 0 ? 0 : Ping.Ping.Hit(n - 1);
    }
}
