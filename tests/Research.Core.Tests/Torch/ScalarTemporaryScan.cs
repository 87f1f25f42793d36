using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Research.Tests.Torch;

/// <summary>
/// Reads TorchSharp's IL and finds every method that makes a native <c>Scalar</c> it does not hand back:
/// a temporary whose only reference is the handle passed to libtorch. A garbage collection started by
/// another thread may finalize such a Scalar while the native kernel still reads it (issue 19: the crash
/// at Scalar.h:140, or a silently wrong constant). Then it lists every call from the project's own
/// assemblies to such a method, to a Scalar producer outside the one owner type, or to a module factory
/// whose <c>forward</c> makes one.
/// </summary>
/// <remarks>
/// A method is a <em>producer</em> when it returns a Scalar (<c>Scalar.op_Implicit</c>, <c>ToScalar</c>,
/// <c>Tensor.ToScalar</c>, …): its caller becomes the owner. A method is <em>hazardous</em> when it does not
/// return a Scalar and calls a producer, calls a hazardous method, or constructs a module whose
/// <c>forward</c> is hazardous. The closure is taken to a fixed point over TorchSharp's own calls. A
/// method that makes a Scalar and disposes it is marked too: that errs on the side of caution.
/// </remarks>
public sealed class ScalarTemporaryScan
{
    const string ScalarType = "TorchSharp.Scalar";
    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    readonly Dictionary<string, Method> _torch = new(StringComparer.Ordinal);
    readonly ILookup<string, Method> _entryPoints;

    /// <summary>A TorchSharp method by its key (declaring type, name, signature) and why it is marked.</summary>
    public sealed record Method(string Key, bool Producer, string DeclaringType, string Name)
    {
        public List<string> Callees { get; } = [];
        public List<string> Constructed { get; } = [];
        public string? Hazard { get; set; }
    }

    /// <summary>One call from project code that can hand libtorch a Scalar nobody owns.</summary>
    public sealed record Violation(string Caller, string Callee, string Why)
    {
        public override string ToString() => $"{Caller} calls {Callee}: {Why}";
    }

    public ScalarTemporaryScan(string torchSharpPath)
    {
        using var pe = new PEReader(File.OpenRead(torchSharpPath));
        var md = pe.GetMetadataReader();
        var provider = new TypeNames(md);
        var byHandle = new Dictionary<MethodDefinitionHandle, Method>();
        foreach (var h in md.MethodDefinitions)
        {
            var def = md.GetMethodDefinition(h);
            var (key, returns) = Key(md, provider, def);
            var m = new Method(key, returns == ScalarType, provider.TypeDefName(def.GetDeclaringType()), md.GetString(def.Name));
            byHandle[h] = m;
            _torch.TryAdd(key, m);
        }
        foreach (var (h, m) in byHandle)
        {
            var def = md.GetMethodDefinition(h);
            if (def.RelativeVirtualAddress == 0) continue;
            foreach (var (op, target) in Calls(pe, md, def))
            {
                if (TargetKey(md, provider, target) is not { } k) continue;
                if (op == OpCodes.Newobj.Value) m.Constructed.Add(k.Type);
                m.Callees.Add(k.Key);
            }
        }
        // What a module or optimizer does when it is used: its forward and step, reached by virtual calls
        // the scan cannot follow, so constructing such a type counts as calling them.
        _entryPoints = _torch.Values.Where(m => m.Name is "forward" or "step").ToLookup(m => m.DeclaringType);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var m in _torch.Values)
            {
                if (m.Producer || m.Hazard != null) continue;
                var why = Why(m);
                if (why == null) continue;
                m.Hazard = why;
                changed = true;
            }
        }
    }

    string? Why(Method m)
    {
        foreach (var c in m.Callees)
        {
            if (!_torch.TryGetValue(c, out var callee)) continue;
            if (callee.Producer || (callee.DeclaringType == ScalarType && callee.Name == ".ctor"))
                return $"makes a Scalar with {Short(callee)}";
            if (callee.Hazard != null) return $"calls {Short(callee)}";
        }
        foreach (var type in m.Constructed.Distinct())
            if (Constructs(type) is { } why)
                return why;
        return null;
    }

    string? Constructs(string type) =>
        _entryPoints[type].FirstOrDefault(e => e.Hazard != null) is { } e
            ? $"constructs {type.Replace("TorchSharp.", "")}, whose {e.Name} {e.Hazard}"
            : null;

    /// <summary>Every TorchSharp method the closure marked, keyed as in <see cref="Method.Key"/>.</summary>
    public IEnumerable<Method> Hazardous => _torch.Values.Where(m => m.Hazard != null);

    /// <summary>The marked method of this type, name and parameter list, or null if it is safe or unknown.</summary>
    public Method? Find(string declaringType, string name, string parameters) =>
        _torch.Values.FirstOrDefault(m => m.Hazard != null && m.DeclaringType == declaringType && m.Name == name && m.Key.EndsWith($"({parameters})", StringComparison.Ordinal));

    /// <summary>
    /// Every call in <paramref name="assemblyPath"/> that can hand libtorch an unowned Scalar. Calls to a
    /// producer are allowed only inside <paramref name="ownerType"/>, which keeps what it makes alive.
    /// </summary>
    public IReadOnlyList<Violation> Scan(string assemblyPath, string ownerType)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var provider = new TypeNames(md);
        var found = new List<Violation>();
        foreach (var h in md.MethodDefinitions)
        {
            var def = md.GetMethodDefinition(h);
            if (def.RelativeVirtualAddress == 0) continue;
            var callerType = provider.TypeDefName(def.GetDeclaringType());
            var caller = $"{callerType}.{md.GetString(def.Name)}";
            var inOwner = callerType == ownerType || callerType.StartsWith(ownerType + "+", StringComparison.Ordinal);
            foreach (var (op, target) in Calls(pe, md, def))
            {
                if (TargetKey(md, provider, target) is not { } k || !_torch.TryGetValue(k.Key, out var callee)) continue;
                if (op == OpCodes.Newobj.Value && Constructs(k.Type) is { } constructs)
                    found.Add(new(caller, Short(callee), constructs));
                if (callee.Producer || (callee.DeclaringType == ScalarType && callee.Name == ".ctor"))
                {
                    if (!inOwner) found.Add(new(caller, Short(callee), $"makes a Scalar outside {ownerType}, which is what keeps one alive until libtorch is done with it"));
                }
                else if (callee.Hazard != null)
                    found.Add(new(caller, Short(callee), callee.Hazard));
            }
        }
        return found.Distinct().ToList();
    }

    static string Short(Method m) => m.Key[(m.Key.IndexOf(' ') + 1)..].Replace("TorchSharp.", "");

    static (string Key, string Returns) Key(MetadataReader md, TypeNames provider, MethodDefinition def)
    {
        var sig = def.DecodeSignature(provider, null);
        var type = provider.TypeDefName(def.GetDeclaringType());
        return ($"{sig.ReturnType} {type}::{md.GetString(def.Name)}({string.Join(",", sig.ParameterTypes)})", sig.ReturnType);
    }

    /// <summary>The key of a call's target as TorchSharp would spell it, or null when it is not a method.</summary>
    static (string Key, string Type)? TargetKey(MetadataReader md, TypeNames provider, EntityHandle target)
    {
        switch (target.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var def = md.GetMethodDefinition((MethodDefinitionHandle)target);
                var key = Key(md, provider, def).Key;
                return (key, provider.TypeDefName(def.GetDeclaringType()));
            }
            case HandleKind.MemberReference:
            {
                var member = md.GetMemberReference((MemberReferenceHandle)target);
                if (member.GetKind() != MemberReferenceKind.Method) return null;
                var sig = member.DecodeMethodSignature(provider, null);
                var type = member.Parent.Kind switch
                {
                    HandleKind.TypeReference => provider.TypeRefName((TypeReferenceHandle)member.Parent),
                    HandleKind.TypeDefinition => provider.TypeDefName((TypeDefinitionHandle)member.Parent),
                    HandleKind.TypeSpecification => provider.GenericTypeName(md.GetTypeSpecification((TypeSpecificationHandle)member.Parent)),
                    _ => "?",
                };
                return ($"{sig.ReturnType} {type}::{md.GetString(member.Name)}({string.Join(",", sig.ParameterTypes)})", type);
            }
            case HandleKind.MethodSpecification:
                return TargetKey(md, provider, md.GetMethodSpecification((MethodSpecificationHandle)target).Method);
            default:
                return null;
        }
    }

    /// <summary>The call, callvirt, newobj and ldftn instructions of a method body, with their targets.</summary>
    static IEnumerable<(short Op, EntityHandle Target)> Calls(PEReader pe, MetadataReader md, MethodDefinition def)
    {
        var il = pe.GetMethodBody(def.RelativeVirtualAddress).GetILBytes() ?? [];
        var result = new List<(short, EntityHandle)>();
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += value > 0xFF || value < 0 ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var op)) break; // not IL we know: stop reading this body
            if (op.OperandType == OperandType.InlineMethod)
                result.Add((op.Value, MetadataTokens.EntityHandle(BitConverter.ToInt32(il, i))));
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
        return result;
    }

    /// <summary>Type names as text, the same for a definition in TorchSharp and a reference to it elsewhere.</summary>
    sealed class TypeNames(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string TypeDefName(TypeDefinitionHandle h)
        {
            var t = md.GetTypeDefinition(h);
            var name = md.GetString(t.Name);
            var declaring = t.GetDeclaringType();
            if (!declaring.IsNil) return TypeDefName(declaring) + "+" + name;
            var ns = md.GetString(t.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string TypeRefName(TypeReferenceHandle h)
        {
            var t = md.GetTypeReference(h);
            var name = md.GetString(t.Name);
            if (t.ResolutionScope.Kind == HandleKind.TypeReference) return TypeRefName((TypeReferenceHandle)t.ResolutionScope) + "+" + name;
            var ns = md.GetString(t.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>A generic instantiation's open type (Module`2, not Module`2&lt;Tensor,Tensor&gt;), as methods are declared on it.</summary>
        public string GenericTypeName(TypeSpecification spec)
        {
            var decoded = spec.DecodeSignature(this, null);
            var lt = decoded.IndexOf('<');
            return lt < 0 ? decoded : decoded[..lt];
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeDefName(handle);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeRefName(handle);
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
