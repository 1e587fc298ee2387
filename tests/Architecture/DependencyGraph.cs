using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Cascade.Tests.Architecture;

/// <summary>
/// Which folder uses which, read from the compiled product assemblies (Mono.Cecil): a node is
/// an assembly's namespace (a folder of one project, since namespaces follow folders), an edge
/// a type of one node naming a type of another in its signatures, attributes or method bodies.
/// Orleans' generated code (OrleansCodeGen.*) is left out: it is not a folder anyone writes.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, HashSet<string>> _edges = [];
    /// <summary>One example per edge: "Type -> Type", so a failure says where to look.</summary>
    private readonly Dictionary<(string From, string To), string> _examples = [];

    public IReadOnlyDictionary<string, HashSet<string>> Edges => _edges;

    public static DependencyGraph Of(IEnumerable<string> assemblyPaths)
    {
        var graph = new DependencyGraph();
        var resolver = new DefaultAssemblyResolver();
        foreach (var folder in assemblyPaths.Select(Path.GetDirectoryName).Distinct()) resolver.AddSearchDirectory(folder);
        foreach (var path in assemblyPaths)
        {
            using var assembly = AssemblyDefinition.ReadAssembly(path, new ReaderParameters { AssemblyResolver = resolver });
            foreach (var type in assembly.MainModule.GetTypes()) graph.Add(type);
        }
        return graph;
    }

    public string Example(string from, string to) => _examples.GetValueOrDefault((from, to), "");

    /// <summary>"Assembly:Namespace" of a type, outermost declaring type's namespace for nested ones.</summary>
    public static string NodeOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        var assembly = type.Scope switch
        {
            ModuleDefinition module => module.Assembly.Name.Name,
            AssemblyNameReference reference => reference.Name,
            _ => type.Module.Assembly.Name.Name,
        };
        return $"{assembly}:{type.Namespace}";
    }

    private void Add(TypeDefinition type)
    {
        var from = NodeOf(type);
        if (Ignored(from)) return;
        foreach (var used in Uses(type)) Link(from, type, used);
    }

    private static bool Ignored(string node) =>
        !node.StartsWith("Cascade.", StringComparison.Ordinal) || node.Contains(":OrleansCodeGen", StringComparison.Ordinal) || node.EndsWith(':');

    private void Link(string from, TypeDefinition type, TypeReference used)
    {
        foreach (var part in Parts(used))
        {
            var to = NodeOf(part);
            if (to == from || Ignored(to)) continue;
            if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = [];
            if (targets.Add(to)) _examples[(from, to)] = $"{type.FullName} -> {part.FullName}";
        }
    }

    /// <summary>A constructed type's pieces: List&lt;Alert&gt; uses List and Alert.</summary>
    private static IEnumerable<TypeReference> Parts(TypeReference type)
    {
        switch (type)
        {
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var part in Parts(generic.ElementType)) yield return part;
                foreach (var argument in generic.GenericArguments)
                    foreach (var part in Parts(argument)) yield return part;
                yield break;
            case TypeSpecification specification: // arrays, by-ref, pointers, modifiers
                foreach (var part in Parts(specification.ElementType)) yield return part;
                yield break;
            default:
                yield return type;
                yield break;
        }
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var a in Attributes(type)) yield return a;
        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
            foreach (var a in Attributes(field)) yield return a;
        }
        foreach (var property in type.Properties)
        {
            yield return property.PropertyType;
            foreach (var a in Attributes(property)) yield return a;
        }
        foreach (var method in type.Methods)
            foreach (var used in Uses(method)) yield return used;
    }

    private static IEnumerable<TypeReference> Uses(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters) yield return parameter.ParameterType;
        foreach (var a in Attributes(method)) yield return a;
        if (!method.HasBody) yield break;
        foreach (var local in method.Body.Variables) yield return local.VariableType;
        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference t:
                    yield return t;
                    break;
                case MethodReference m:
                    yield return m.DeclaringType;
                    yield return m.ReturnType;
                    foreach (var p in m.Parameters) yield return p.ParameterType;
                    if (m is GenericInstanceMethod g)
                        foreach (var argument in g.GenericArguments) yield return argument;
                    break;
                case FieldReference f:
                    yield return f.DeclaringType;
                    yield return f.FieldType;
                    break;
            }
        }
    }

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            yield return attribute.AttributeType;
            foreach (var argument in attribute.ConstructorArguments)
                if (argument.Value is TypeReference t) yield return t;
        }
    }

    /// <summary>Every set of nodes that reach each other (Tarjan): each is a cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = 0;
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var indices = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in _edges.GetValueOrDefault(node, []))
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                    lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
            }
            if (lowLinks[node] != indices[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);
            if (component.Count > 1) cycles.Add(component);
        }

        foreach (var node in _edges.Keys.ToList())
            if (!indices.ContainsKey(node)) Visit(node);
        return cycles;
    }
}
