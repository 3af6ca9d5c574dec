using Imap.Protocol.Responses;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

public sealed class ResponseParserTests
{
    [Test]
    public void Every_vector_parses_to_exactly_one_response()
    {
        foreach (string vector in ResponseVectors.All)
        {
            var events = ResponseFeeder.RunWhole(vector);
            Assert.That(events, Has.Count.EqualTo(1), vector);
            Assert.That(events[0], Does.Not.StartWith("MALFORMED").And.Not.StartWith("FATAL"), vector);
        }
    }

    [Test]
    public void Greeting_with_capability_code_lists_every_capability()
    {
        var status = Parse<StatusResponse>(ResponseVectors.All[1]);

        Assert.That(status.Status, Is.EqualTo(ResponseStatus.Ok));
        Assert.That(status.Code!.Kind, Is.EqualTo(ResponseCodeKind.Capability));
        Assert.That(status.Code.Atoms, Is.EqualTo(new[] { "IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "STARTTLS", "AUTH=PLAIN", "AUTH=LOGIN" }));
        Assert.That(status.Text, Is.EqualTo("Dovecot (Debian) ready."));
    }

    [TestCase("* PREAUTH IMAP4rev2 server logged in as Smith\r\n", "PreAuth")]
    [TestCase("* BYE Autologout; idle for too long\r\n", "Bye")]
    [TestCase("* NO [ALERT] System shutdown in 10 minutes\r\n", "No")]
    [TestCase("* BAD Disk crash\r\n", "Bad")]
    public void Untagged_conditions_are_recognised(string input, string expected)
    {
        Assert.That(Parse<StatusResponse>(input).Status, Is.EqualTo(Enum.Parse<ResponseStatus>(expected)));
    }

    [Test]
    public void Tagged_completion_keeps_tag_status_code_and_text()
    {
        var tagged = Parse<TaggedResponse>("a002 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");

        Assert.That(tagged.Tag, Is.EqualTo("a002"));
        Assert.That(tagged.Status, Is.EqualTo(ResponseStatus.No));
        Assert.That(tagged.Code!.Kind, Is.EqualTo(ResponseCodeKind.AuthenticationFailed));
        Assert.That(tagged.Text, Is.EqualTo("Authentication failed."));
    }

    [Test]
    public void Tagged_ok_without_text_is_accepted()
    {
        var tagged = Parse<TaggedResponse>("A017 OK\r\n");

        Assert.That(tagged.Status, Is.EqualTo(ResponseStatus.Ok));
        Assert.That(tagged.Text, Is.Empty);
    }

    [TestCase("* OK [UNSEEN 12] x\r\n", "Unseen", 12UL)]
    [TestCase("* OK [UIDVALIDITY 3857529045] x\r\n", "UidValidity", 3857529045UL)]
    [TestCase("* OK [UIDNEXT 4392] x\r\n", "UidNext", 4392UL)]
    [TestCase("* OK [HIGHESTMODSEQ 715194045007] x\r\n", "HighestModSeq", 715194045007UL)]
    public void Numeric_response_codes_carry_their_number(string input, string kind, ulong number)
    {
        var code = Parse<StatusResponse>(input).Code!;

        Assert.That(code.Kind, Is.EqualTo(Enum.Parse<ResponseCodeKind>(kind)));
        Assert.That(code.Number, Is.EqualTo(number));
    }

    [TestCase("A1 OK [READ-ONLY] x\r\n", "ReadOnly")]
    [TestCase("A1 OK [READ-WRITE] x\r\n", "ReadWrite")]
    [TestCase("A1 NO [TRYCREATE] x\r\n", "TryCreate")]
    [TestCase("A1 NO [ALREADYEXISTS] x\r\n", "AlreadyExists")]
    [TestCase("A1 NO [NONEXISTENT] x\r\n", "Nonexistent")]
    [TestCase("A1 NO [OVERQUOTA] x\r\n", "OverQuota")]
    [TestCase("A1 NO [LIMIT] x\r\n", "Limit")]
    [TestCase("A1 OK [UIDNOTSTICKY] x\r\n", "UidNotSticky")]
    [TestCase("A1 OK [NOMODSEQ] x\r\n", "NoModSeq")]
    [TestCase("A1 OK [CLOSED] x\r\n", "Closed")]
    [TestCase("A1 BAD [PARSE] x\r\n", "Parse")]
    [TestCase("A1 NO [EXPUNGEISSUED] x\r\n", "ExpungeIssued")]
    [TestCase("A1 NO [CANNOT] x\r\n", "CannotDo")]
    [TestCase("A1 NO [inuse] lower case\r\n", "InUse")]
    public void Named_response_codes_are_classified(string input, string kind)
    {
        Assert.That(Parse<TaggedResponse>(input).Code!.Kind, Is.EqualTo(Enum.Parse<ResponseCodeKind>(kind)));
    }

    [Test]
    public void Permanentflags_lists_flags_including_the_wildcard()
    {
        var code = Parse<StatusResponse>("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n").Code!;

        Assert.That(code.Kind, Is.EqualTo(ResponseCodeKind.PermanentFlags));
        Assert.That(code.Atoms, Is.EqualTo(new[] { "\\Deleted", "\\Seen", "\\*" }));
    }

    [Test]
    public void Copyuid_carries_validity_source_and_destination()
    {
        var code = Parse<TaggedResponse>("A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n").Code!;

        Assert.That(code.Number, Is.EqualTo(38505));
        Assert.That(code.SourceSet!.ToString(), Is.EqualTo("304,319:320"));
        Assert.That(code.DestinationSet!.ToString(), Is.EqualTo("3956:3958"));
    }

    [Test]
    public void Appenduid_carries_validity_and_uid()
    {
        var code = Parse<TaggedResponse>("A003 OK [APPENDUID 38505 3955] APPEND completed\r\n").Code!;

        Assert.That(code.Kind, Is.EqualTo(ResponseCodeKind.AppendUid));
        Assert.That(code.Number, Is.EqualTo(38505));
        Assert.That(code.DestinationSet!.ToString(), Is.EqualTo("3955"));
    }

    [Test]
    public void Unknown_response_code_is_preserved_with_its_arguments()
    {
        var code = Parse<TaggedResponse>("A015 OK [X-UNKNOWN-CODE some args 1 2] Something\r\n").Code!;

        Assert.That(code.Kind, Is.EqualTo(ResponseCodeKind.Other));
        Assert.That(code.Name, Is.EqualTo("X-UNKNOWN-CODE"));
        Assert.That(code.RawArguments, Is.EqualTo("some args 1 2"));
    }

    [Test]
    public void Continuation_request_keeps_its_text()
    {
        Assert.That(Parse<ContinuationResponse>("+ dGVzdA==\r\n").Text, Is.EqualTo("dGVzdA=="));
        Assert.That(Parse<ContinuationResponse>("+\r\n").Text, Is.Empty);
    }

    [Test]
    public void List_decodes_modified_utf7_and_keeps_the_wire_name()
    {
        var list = Parse<ListResponse>("* LIST (\\HasNoChildren) \"/\" \"&U,BTFw-/&ZeVnLIqe-\"\r\n");

        Assert.That(list.Mailbox.Name, Is.EqualTo("台北/日本語"));
        Assert.That(System.Text.Encoding.ASCII.GetString(list.Mailbox.Wire), Is.EqualTo("&U,BTFw-/&ZeVnLIqe-"));
        Assert.That(list.Delimiter, Is.EqualTo('/'));
        Assert.That(list.Attributes, Is.EqualTo(new[] { "\\HasNoChildren" }));
    }

    [Test]
    public void List_with_nil_delimiter_and_lowercase_inbox_names_inbox()
    {
        var list = Parse<ListResponse>("* LIST () NIL inbox\r\n");

        Assert.That(list.Delimiter, Is.Null);
        Assert.That(list.Mailbox.Name, Is.EqualTo("INBOX"));
    }

    [Test]
    public void List_name_as_literal_keeps_quotes_and_backslashes()
    {
        var list = Parse<ListResponse>("* LIST (\\HasNoChildren) \"/\" {12}\r\nquote\"slash\\\r\n");

        Assert.That(list.Mailbox.Name, Is.EqualTo("quote\"slash\\"));
    }

    [Test]
    public void List_extended_data_gives_childinfo_and_oldname()
    {
        var withChildInfo = Parse<ListResponse>("* LIST (\\HasChildren) \"/\" \"Fruit\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n");
        var renamed = Parse<ListResponse>("* LIST () \"/\" \"NewMailbox\" (\"OLDNAME\" (\"OldMailbox\"))\r\n");

        Assert.That(withChildInfo.ChildInfo, Is.EqualTo(new[] { "SUBSCRIBED" }));
        Assert.That(renamed.OldName!.Name, Is.EqualTo("OldMailbox"));
    }

    [Test]
    public void Namespace_gives_all_three_groups()
    {
        var ns = Parse<NamespaceResponse>(ResponseVectors.All.Single(v => v.StartsWith("* NAMESPACE ((\"\" \"/\")) ((\"~\"", StringComparison.Ordinal)));

        Assert.That(ns.Personal.Single(), Is.EqualTo(new NamespaceDescriptor("", '/')));
        Assert.That(ns.OtherUsers.Single(), Is.EqualTo(new NamespaceDescriptor("~", '/')));
        Assert.That(ns.Shared.Select(s => s.Prefix), Is.EqualTo(new[] { "#shared/", "#public/", "#ftp/", "#news." }));
        Assert.That(ns.Shared[3].Delimiter, Is.EqualTo('.'));
    }

    [Test]
    public void Status_reads_every_item()
    {
        var status = Parse<MailboxStatusResponse>(ResponseVectors.All.Single(v => v.StartsWith("* STATUS \"INBOX\"", StringComparison.Ordinal)));

        Assert.That(status.Mailbox.Name, Is.EqualTo("INBOX"));
        Assert.That(status.Messages, Is.EqualTo(17));
        Assert.That(status.Recent, Is.EqualTo(0));
        Assert.That(status.UidNext, Is.EqualTo(4392));
        Assert.That(status.UidValidity, Is.EqualTo(3857529045));
        Assert.That(status.Unseen, Is.EqualTo(2));
        Assert.That(status.HighestModSeq, Is.EqualTo(7011231777));
        Assert.That(status.Size, Is.EqualTo(44021));
        Assert.That(status.AppendLimit, Is.EqualTo(long.MaxValue), "NIL: no limit");
        Assert.That(status.MailboxId, Is.EqualTo("Ff8e3ead4-9389-4aff"));
    }

    [Test]
    public void Status_sizes_are_number64_and_the_counts_32_bit()
    {
        var large = Parse<MailboxStatusResponse>("* STATUS big (MESSAGES 4294967295 UIDNEXT 4294967295 SIZE 5000000000 APPENDLIMIT 4294967296 HIGHESTMODSEQ 9223372036854775807)\r\n");
        Assert.That(large.Messages, Is.EqualTo(uint.MaxValue));
        Assert.That(large.UidNext, Is.EqualTo(uint.MaxValue));
        Assert.That(large.Size, Is.EqualTo(5_000_000_000L), "SIZE above 4 GiB");
        Assert.That(large.AppendLimit, Is.EqualTo(4_294_967_296L));
        Assert.That(large.HighestModSeq, Is.EqualTo((ulong)long.MaxValue));

        var largest = Parse<MailboxStatusResponse>("* STATUS big (SIZE 9223372036854775807 X-FUTURE 9223372036854775807)\r\n");
        Assert.That(largest.Size, Is.EqualTo(long.MaxValue));
        Assert.That(Imap.Commands.ListStatusItems.Carried(largest), Is.EqualTo(StatusItems.Size), "an unknown item is ignored, however large");
    }

    [TestCase("* STATUS big (SIZE 9223372036854775808)\r\n", Description = "SIZE one past number64")]
    [TestCase("* STATUS big (APPENDLIMIT 18446744073709551615)\r\n")]
    [TestCase("* STATUS big (MESSAGES 4294967296)\r\n", Description = "MESSAGES is a 32-bit number")]
    [TestCase("* STATUS big (UIDVALIDITY 4294967296)\r\n")]
    [TestCase("* STATUS big (DELETED 9999999999)\r\n")]
    public void Status_numbers_past_their_type_make_the_response_malformed(string input)
    {
        var events = ResponseFeeder.RunWhole(input);

        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0], Does.StartWith("MALFORMED"));
    }

    [Test]
    public void Esearch_count_reaches_the_largest_32_bit_number()
    {
        Assert.That(Parse<ESearchResponse>("* ESEARCH (TAG \"A1\") UID COUNT 4294967295\r\n").Count, Is.EqualTo(uint.MaxValue));
    }

    [Test]
    public void Search_with_modseq()
    {
        var search = Parse<SearchResponse>("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n");

        Assert.That(search.Numbers.ToString(), Is.EqualTo("2,5:7,11:12,18:20,23"));
        Assert.That(search.ModSeq, Is.EqualTo(917162500));
        Assert.That(Parse<SearchResponse>("* SEARCH\r\n").Numbers.IsEmpty, Is.True);
        Assert.That(Parse<SearchResponse>("* SEARCH 1 2 \r\n").Numbers.ToString(), Is.EqualTo("1:2"));
    }

    [Test]
    public void Search_numbers_out_of_order_or_repeated_make_the_same_normalised_set()
    {
        Assert.That(Parse<SearchResponse>("* SEARCH 9 3 4 5 4 1 10 2\r\n").Numbers.ToString(), Is.EqualTo("1:5,9:10"));
        Assert.That(Parse<SearchResponse>("* SEARCH 4294967295 4294967294 7\r\n").Numbers.ToString(), Is.EqualTo("7,4294967294:4294967295"));
    }

    [Test]
    public void Search_of_a_long_run_costs_one_range()
    {
        var text = new System.Text.StringBuilder("* SEARCH");
        for (int i = 1; i <= 100_000; i++)
        {
            text.Append(' ').Append(i);
        }

        var search = Parse<SearchResponse>(text.Append("\r\n").ToString());

        Assert.That(search.Numbers.Ranges, Has.Count.EqualTo(1));
        Assert.That(search.Numbers.Count, Is.EqualTo(100_000));
    }

    [Test]
    public void Sort_keeps_the_server_order()
    {
        var sort = Parse<SortResponse>("* SORT 5 3 4 1 2 (MODSEQ 7)\r\n");

        Assert.That(sort.Numbers, Is.EqualTo(new uint[] { 5, 3, 4, 1, 2 }));
        Assert.That(sort.ModSeq, Is.EqualTo(7));
    }

    [Test]
    public void Esearch_reads_correlator_uid_and_results()
    {
        var esearch = Parse<ESearchResponse>("* ESEARCH (TAG \"A284\") UID MIN 4 MAX 28 ALL 4:18,21,28 MODSEQ 12345\r\n");

        Assert.That(esearch.Tag, Is.EqualTo("A284"));
        Assert.That(esearch.IsUid, Is.True);
        Assert.That(esearch.Min, Is.EqualTo(4));
        Assert.That(esearch.Max, Is.EqualTo(28));
        Assert.That(esearch.All!.ToString(), Is.EqualTo("4:18,21,28"));
        Assert.That(esearch.ModSeq, Is.EqualTo(12345));
    }

    [Test]
    public void Esearch_partial_reads_negative_ranges()
    {
        var esearch = Parse<ESearchResponse>("* ESEARCH (TAG \"A285\") UID PARTIAL (-1:-100 200:250,252:300)\r\n");

        Assert.That(esearch.Partial!.Value.First, Is.EqualTo(-1));
        Assert.That(esearch.Partial!.Value.Last, Is.EqualTo(-100));
        Assert.That(esearch.Partial!.Value.Numbers!.ToString(), Is.EqualTo("200:250,252:300"));
    }

    [Test]
    public void Thread_builds_the_rfc_5256_example_tree()
    {
        var thread = Parse<ThreadResponse>("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");

        Assert.That(Render(thread.Threads), Is.EqualTo("2 | 3(6(4(23) 44(7(96))))"));
        Assert.That(Render(Parse<ThreadResponse>("* THREAD ((3)(5))\r\n").Threads), Is.EqualTo("0(3 5)"));
    }

    [Test]
    public void Message_numbers_and_vanished()
    {
        Assert.That(Parse<MessageNumberResponse>("* 23 EXISTS\r\n"), Is.EqualTo(new MessageNumberResponse(MessageNumberKind.Exists, 23)));
        Assert.That(Parse<MessageNumberResponse>("* 44 EXPUNGE\r\n"), Is.EqualTo(new MessageNumberResponse(MessageNumberKind.Expunge, 44)));
        Assert.That(Parse<MessageNumberResponse>("* 5 RECENT\r\n"), Is.EqualTo(new MessageNumberResponse(MessageNumberKind.Recent, 5)));

        var vanished = Parse<VanishedResponse>("* VANISHED (EARLIER) 300:310,405,411\r\n");
        Assert.That(vanished.Earlier, Is.True);
        Assert.That(vanished.Uids.ToString(), Is.EqualTo("300:310,405,411"));
    }

    [Test]
    public void Quota_quotaroot_metadata_and_id()
    {
        var quota = Parse<QuotaResponse>("* QUOTA \"User quota\" (STORAGE 1523 10485760 MESSAGE 2000 100000)\r\n");
        Assert.That(quota.Root, Is.EqualTo("User quota"));
        Assert.That(quota.Resources, Is.EqualTo(new[] { new QuotaResource("STORAGE", 1523, 10485760), new QuotaResource("MESSAGE", 2000, 100000) }));

        var root = Parse<QuotaRootResponse>("* QUOTAROOT INBOX \"User quota\"\r\n");
        Assert.That(root.Roots, Is.EqualTo(new[] { "User quota" }));

        var metadata = Parse<MetadataResponse>("* METADATA \"\" (/shared/comment {12}\r\nhello\r\nworld /private/x NIL)\r\n");
        Assert.That(metadata.Entries.Select(e => e.Key), Is.EqualTo(new[] { "/shared/comment", "/private/x" }));
        Assert.That(metadata.Entries[0].Value, Is.EqualTo("hello\r\nworld"u8.ToArray()));
        Assert.That(metadata.Entries[1].Value, Is.Null);

        var id = Parse<IdResponse>("* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n");
        Assert.That(id.Fields, Is.EqualTo(new[] { new KeyValuePair<string, string?>("name", "Dovecot"), new KeyValuePair<string, string?>("version", null) }));
    }

    [Test]
    public void Unknown_untagged_response_is_preserved_raw()
    {
        var unknown = Parse<UnknownResponse>("* X-STRANGE (nested (list \"with\" {3}\r\nlit) more)\r\n");

        Assert.That(unknown.Name, Is.EqualTo("X-STRANGE"));
        Assert.That(System.Text.Encoding.ASCII.GetString(unknown.Raw), Is.EqualTo("X-STRANGE (nested (list \"with\" {3}\r\nlit) more)"));
    }

    [Test]
    public void Fetch_of_the_rfc_example_reads_every_item()
    {
        var fetch = Parse<FetchResponse>(ResponseVectors.All.Single(v => v.StartsWith("* 12 FETCH", StringComparison.Ordinal)));

        Assert.That(fetch.SequenceNumber, Is.EqualTo(12));
        Assert.That(fetch.Flags!.Select(f => f.Name), Is.EqualTo(new[] { "\\Seen" }));
        Assert.That(fetch.InternalDate, Is.EqualTo(new DateTimeOffset(1996, 7, 17, 2, 44, 25, TimeSpan.FromHours(-7))));
        Assert.That(fetch.Size, Is.EqualTo(4286));
        var envelope = fetch.Envelope!;
        Assert.That(envelope.Subject, Is.EqualTo("IMAP4rev2 WG mtg summary and minutes"));
        Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(1996, 7, 17, 2, 23, 25, TimeSpan.FromHours(-7))));
        Assert.That(envelope.From.Single().Name, Is.EqualTo("Terry Gray"));
        Assert.That(envelope.From.Single().EmailAddress, Is.EqualTo("gray@cac.washington.edu"));
        Assert.That(envelope.To.Single().EmailAddress, Is.EqualTo("imap@cac.washington.edu"));
        Assert.That(envelope.Cc.Select(a => a.EmailAddress), Is.EqualTo(new[] { "minutes@CNRI.Reston.VA.US", "KLENSIN@MIT.EDU" }));
        Assert.That(envelope.Bcc, Is.Empty);
        Assert.That(envelope.InReplyTo, Is.Null);
        Assert.That(envelope.MessageId, Is.EqualTo("<B27397-0100000@cac.washington.edu>"));
        var body = (TextPart)fetch.BodyStructure!;
        Assert.That(body.ContentType, Is.EqualTo("text/plain"));
        Assert.That(body.Parameters["charset"], Is.EqualTo("US-ASCII"));
        Assert.That(body.Size, Is.EqualTo(3028));
        Assert.That(body.Lines, Is.EqualTo(92));
        Assert.That(body.Section, Is.EqualTo("1"));
    }

    [Test]
    public void Fetch_body_sections_are_buffered_with_their_origin()
    {
        var fetch = Parse<FetchResponse>("* 4 FETCH (UID 10 BODY[]<0> {5}\r\nHello BODY[TEXT] NIL)\r\n");

        Assert.That(fetch.Uid, Is.EqualTo(10));
        Assert.That(fetch.Sections, Has.Count.EqualTo(2));
        Assert.That(fetch.Sections![0], Is.EqualTo(fetch.Sections[0] with { Item = "BODY", Section = "", Origin = 0 }));
        Assert.That(fetch.Sections[0].Data, Is.EqualTo("Hello"u8.ToArray()));
        Assert.That(fetch.Sections[1].Section, Is.EqualTo("TEXT"));
        Assert.That(fetch.Sections[1].Data, Is.Null);
    }

    [Test]
    public void Fetch_binary_literal8_may_carry_nul()
    {
        var fetch = Parse<FetchResponse>("* 5 FETCH (BINARY[1] ~{4}\r\n\u0000\u0001\u0002\u0003 BINARY.SIZE[1] 4 UID 11)\r\n");

        Assert.That(fetch.Sections!.Single().Data, Is.EqualTo(new byte[] { 0, 1, 2, 3 }));
        Assert.That(fetch.BinarySizes, Is.EqualTo(new[] { new KeyValuePair<string, ulong>("1", 4) }));
        Assert.That(fetch.Uid, Is.EqualTo(11));
    }

    [Test]
    public void Fetch_rfc822_items_map_to_header_and_text_sections()
    {
        var fetch = Parse<FetchResponse>("* 6 FETCH (RFC822.HEADER {14}\r\nSubject: x\r\n\r\n RFC822.TEXT {4}\r\nbody)\r\n");

        Assert.That(fetch.Sections!.Select(s => s.Section), Is.EqualTo(new[] { "HEADER", "TEXT" }));
        Assert.That(fetch.Sections![1].Data, Is.EqualTo("body"u8.ToArray()));
    }

    [Test]
    public void Fetch_objectid_savedate_preview_and_gmail_items()
    {
        var ids = Parse<FetchResponse>("* 7 FETCH (EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9) SAVEDATE \"01-Jan-2024 10:00:00 +0000\" PREVIEW \"Short preview\")\r\n");
        Assert.That(ids.EmailId, Is.EqualTo("M6d99ac3275bb4e"));
        Assert.That(ids.ThreadId, Is.EqualTo("T64b478a75b7ea9"));
        Assert.That(ids.SaveDate, Is.EqualTo(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(ids.Preview, Is.EqualTo("Short preview"));

        var nils = Parse<FetchResponse>("* 8 FETCH (THREADID NIL SAVEDATE NIL PREVIEW NIL)\r\n");
        Assert.That(nils.HasThreadIdNil && nils.HasSaveDateNil, Is.True);
        Assert.That(nils.Preview, Is.Null);

        var gmail = Parse<FetchResponse>("* 9 FETCH (X-GM-MSGID 1278455344230334865 X-GM-THRID 1266894439832287888 X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\"))\r\n");
        Assert.That(gmail.GmailMessageId, Is.EqualTo(1278455344230334865));
        Assert.That(gmail.GmailThreadId, Is.EqualTo(1266894439832287888));
        Assert.That(gmail.GmailLabels, Is.EqualTo(new[] { "\\Inbox", "\\Sent", "Important", "Muy Importante" }));
    }

    [Test]
    public void Fetch_unknown_item_is_kept_and_the_rest_parses()
    {
        var fetch = Parse<FetchResponse>("* 10 FETCH (UID 20 X-CUSTOM-ITEM (a (b c) \"d\") FLAGS (\\Answered))\r\n");

        Assert.That(fetch.Uid, Is.EqualTo(20));
        Assert.That(fetch.Flags!.Select(f => f.Name), Is.EqualTo(new[] { "\\Answered" }));
        Assert.That(fetch.OtherItems!.Single().Key, Is.EqualTo("X-CUSTOM-ITEM"));
        Assert.That(fetch.OtherItems!.Single().Value, Is.EqualTo("(a (b c) \"d\")"u8.ToArray()));
    }

    [Test]
    public void Malformed_bodystructure_fails_only_that_item()
    {
        var fetch = Parse<FetchResponse>("* 15 FETCH (UID 23 BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" ) NIL) FLAGS (\\Seen))\r\n");

        Assert.That(fetch.Uid, Is.EqualTo(23));
        Assert.That(fetch.Flags!.Select(f => f.Name), Is.EqualTo(new[] { "\\Seen" }));
        Assert.That(fetch.BodyStructure, Is.Null);
        Assert.That(fetch.MalformedItems!.Single(), Does.StartWith("BODYSTRUCTURE"));
    }

    [Test]
    public void Multipart_alternative_numbers_its_parts()
    {
        var fetch = Parse<FetchResponse>(ResponseVectors.All.Single(v => v.StartsWith("* 11 FETCH", StringComparison.Ordinal)));
        var multipart = (Multipart)fetch.BodyStructure!;

        Assert.That(multipart.MediaSubtype, Is.EqualTo("alternative"));
        Assert.That(multipart.Section, Is.Empty);
        Assert.That(multipart.Parts.Select(p => p.Section), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(multipart.Parts.Select(p => p.ContentType), Is.EqualTo(new[] { "text/plain", "text/html" }));
        Assert.That(multipart.Parameters["boundary"], Is.EqualTo("b1"));
        Assert.That(fetch.Uid, Is.EqualTo(21));
    }

    [Test]
    public void Mixed_structure_with_attachment_and_forwarded_message()
    {
        var fetch = Parse<FetchResponse>(ResponseVectors.All.Single(v => v.StartsWith("* 13 FETCH", StringComparison.Ordinal)));
        var mixed = (Multipart)fetch.BodyStructure!;

        var pdf = (SinglePart)mixed.Parts[1];
        Assert.That(pdf.Section, Is.EqualTo("2"));
        Assert.That(pdf.Id, Is.EqualTo("<part2@x>"));
        Assert.That(pdf.Description, Is.EqualTo("Report"));
        Assert.That(pdf.Encoding, Is.EqualTo("base64"));
        Assert.That(pdf.Size, Is.EqualTo(90210));
        Assert.That(pdf.Md5, Is.EqualTo("d41d8cd98f00b204e9800998ecf8427e"));
        Assert.That(pdf.Disposition!.IsAttachment, Is.True);
        Assert.That(pdf.FileName, Is.EqualTo("€ rates.pdf"));
        Assert.That(pdf.Parameters["name"], Is.EqualTo("Отчёт.pdf"));
        Assert.That(pdf.Languages, Is.EqualTo(new[] { "en" }));
        Assert.That(pdf.Location, Is.EqualTo("http://example/x"));

        var forwarded = (MessagePart)mixed.Parts[2];
        Assert.That(forwarded.Section, Is.EqualTo("3"));
        Assert.That(forwarded.Envelope!.Subject, Is.EqualTo("Café"));
        Assert.That(forwarded.Envelope.From.Single().Name, Is.EqualTo("Привет"));
        Assert.That(forwarded.Envelope.To.Select(a => (a.Group, a.EmailAddress)), Is.EqualTo(new[] { ("team", "bob@example.com") }));
        Assert.That(forwarded.Body!.Section, Is.EqualTo("3.1"));
        Assert.That(forwarded.Lines, Is.EqualTo(20));

        Assert.That(mixed.Disposition!.Type, Is.EqualTo("inline"));
        Assert.That(mixed.Languages, Is.EqualTo(new[] { "en", "de" }));
        Assert.That(mixed.Flatten().Count(), Is.EqualTo(5));
        Assert.That(fetch.Uid, Is.EqualTo(22));
    }

    private static T Parse<T>(string input)
        where T : class
    {
        var feeder = new ResponseFeeder();
        feeder.Feed(System.Text.Encoding.Latin1.GetBytes(input));
        Assert.That(feeder.Events, Has.Count.EqualTo(1), input);
        Assert.That(feeder.Responses, Has.Count.EqualTo(1), () => string.Join(" | ", feeder.Events));
        return (T)feeder.Responses[0];
    }

    private static string Render(IReadOnlyList<ThreadNode> nodes) =>
        string.Join(" | ", nodes.Select(RenderNode));

    private static string RenderNode(ThreadNode node) =>
        node.Children.Count == 0
            ? node.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{node.Number}({string.Join(" ", node.Children.Select(RenderNode))})";
}
